import { describe, expect, it } from 'vitest';
import { parseCommand } from './cli-args.js';
import { ConformanceError } from './run/errors.js';
import { resolveOptions } from './run/options.js';
import { testTriggerPrefix } from '@org/liveminutes-spec';

describe('parseCommand', () => {
  it('runs the embedded suite by default with the pretty reporter', () => {
    const command = parseCommand([], {});
    expect(command).toMatchObject({ kind: 'run', run: { reporters: ['pretty'], strict: false, only: [] } });
  });

  it('reads the target, budget and selection', () => {
    const command = parseCommand(
      ['--base-url', 'https://staging.example', '--account-sid', 'AC1', '--auth-token', 't', '--max-requests', '300', '--rate', '5', '--only', 'auth.*,url.*', '--only', 'success.*', '--strict', '--second-account', 'AC2:t2'],
      {},
    );
    expect(command).toMatchObject({
      kind: 'run',
      run: { baseUrl: 'https://staging.example', account: { accountSid: 'AC1', authToken: 't' }, secondAccount: { accountSid: 'AC2', authToken: 't2' }, maxRequests: 300, rate: 5, strict: true, only: ['auth.*', 'url.*', 'success.*'] },
    });
  });

  it('takes the credentials from the environment', () => {
    const command = parseCommand(['--base-url', 'http://x'], { LIVEMINUTES_ACCOUNT_SID: 'AC9', LIVEMINUTES_AUTH_TOKEN: 'secret' });
    expect(command).toMatchObject({ run: { account: { accountSid: 'AC9', authToken: 'secret' } } });
  });

  it('takes the html reporter, once however often it is named', () => {
    expect(parseCommand(['--reporter', 'pretty,html', '--reporter', 'html', '--out', 'report.html'], {})).toMatchObject({
      run: { reporters: ['pretty', 'html'], out: 'report.html' },
    });
  });

  it('parses the pact subcommand', () => {
    expect(parseCommand(['pact', '--base-url', 'http://x', '--account-sid', 'a', '--auth-token', 'b', '--pact-dir', 'pacts'], {})).toEqual({
      kind: 'pact',
      pact: { baseUrl: 'http://x', accountSid: 'a', authToken: 'b', pactDir: 'pacts' },
    });
  });

  it.each([
    [['--nope']],
    [['--max-requests', 'many']],
    [['--reporter', 'xml']],
    [['--reporter', 'html', '--reporter', 'json']],
    [['extra']],
    [['--account-sid', 'AC1']],
    [['pact', '--base-url', 'http://x']],
    [['--second-account', 'no-colon']],
  ])('refuses %j as a usage error', (argv) => {
    expect(() => parseCommand(argv, {})).toThrow(ConformanceError);
  });

  it('reads --limits users=N,sessions=M', () => {
    const command = parseCommand(['--base-url', 'http://127.0.0.1:9', '--account-sid', 'AC1', '--auth-token', 't', '--second-account', 'AC2:u', '--limits', 'users=3,sessions=2'], {});
    expect(command.kind === 'run' && command.run.limits).toEqual({ users: 3, sessions: 2 });
  });

  it.each(['users=3', 'users=3,sessions=x', 'seats=3,sessions=2', ''])('refuses --limits %j', (value) => {
    expect(() => parseCommand(['--limits', value], {})).toThrow(/--limits/);
  });

  it.each([
    [{ limits: { users: 3, sessions: 2 } }, /--limits is for --base-url/],
    [{ baseUrl: 'http://127.0.0.1:9', account: { accountSid: 'A', authToken: 't' }, limits: { users: 3, sessions: 2 } }, /needs --second-account/],
    [{ baseUrl: 'http://127.0.0.1:9', account: { accountSid: 'A', authToken: 't' }, secondAccount: { accountSid: 'B', authToken: 'u' }, limits: { users: 0, sessions: 2 } }, /users must be a positive integer/],
    [{ prefix: `${testTriggerPrefix()}run-` }, /reserved for test triggers/],
    [{ prefix: testTriggerPrefix().slice(0, 3) }, /reserved for test triggers/],
    [{ prefix: testTriggerPrefix().toUpperCase() }, /reserved for test triggers/],
  ])('resolveOptions refuses %j', (options, message) => {
    expect(() => resolveOptions(options)).toThrow(message);
  });

  it('does not quote a malformed option value (it may be a token)', () => {
    try {
      parseCommand(['--auth-token'], {});
      expect.unreachable();
    } catch (error) {
      expect((error as Error).message).not.toContain('undefined');
      expect((error as Error).message).toContain('--auth-token');
    }
  });
});
