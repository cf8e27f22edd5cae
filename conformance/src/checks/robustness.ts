/**
 * No input ever causes a 5xx, an internal_error or a dropped connection: malformed bodies,
 * broken percent-encoding, invalid UTF-8, array-style names, odd credentials,
 * on every operation; plus every answer the run has seen so far, which
 * includes all the generated out-of-bounds parameters.
 */
import { FORM_MEDIA_TYPE, operationIds } from '@org/liveminutes-spec';
import type { Auth } from '../http/api.js';
import type { Check } from '../types.js';
import { defineCheck } from './support.js';

/**
 * Bodies no server should choke on. Identifiers carry the run's prefix, so
 * that whatever a lenient server makes of them is still the suite's own.
 * @example
 * garbageBodies('lmc-x-').length; // 12
 */
export function garbageBodies(prefix: string): string[] {
  const p = encodeURIComponent(prefix);
  return [
    '',
    '&&&',
    '=',
    '%',
    `meetingKey=${p}%zz&puid=%`,
    `meetingKey=${p}%FF%FE%FD&hostid=${p}%C0%AF`,
    `meetingKey=${p}%ED%A0%80&puid=${p}%F4%90%80%80`,
    `meetingKey[]=${p}a&meetingKey[]=${p}b&hostid[x]=${p}`,
    `meetingKey=${p}a%00b&hostid=${p}%00`,
    `meetingKey=${p}${'%'.repeat(3000)}`,
    `${'k'.repeat(20_000)}=v`,
    `${'a=&'.repeat(20_000)}meetingKey=${p}many`,
  ];
}

/** Multipart bodies no server should choke on: truncated, without a boundary, a file where a field belongs. */
export function garbageMultipart(prefix: string): Array<{ contentType: string; body: string }> {
  const boundary = 'lmcGarbageBoundary';
  const type = `multipart/form-data; boundary=${boundary}`;
  const field = (name: string, value: string, extra = ''): string =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${extra}\r\n\r\n${value}\r\n`;
  return [
    { contentType: type, body: field('meetingKey', `${prefix}cut`) },
    { contentType: 'multipart/form-data', body: 'hello' },
    { contentType: type, body: `${field('meetingKey', `${prefix}file`, '; filename="a.txt"')}--${boundary}--\r\n` },
    { contentType: type, body: `--${boundary}\r\n\r\n--${boundary}--\r\n` },
  ];
}

export const robustnessCheck: Check = defineCheck({
  id: 'robustness.no-5xx',
  rule: 'transport.no-5xx',
  title: 'never answer HTTP 5xx or drop the connection, whatever the input',
  async run(context) {
    const weird: Auth[] = [
      { header: `Basic ${Buffer.from([0xff, 0xfe, 0x3a, 0x00]).toString('base64')}` },
      { header: `Basic ${'A'.repeat(4000)}` },
      { header: 'Digest username="x"' },
    ];
    for (const operation of operationIds()) {
      for (const payload of garbageBodies(context.ids.prefix)) {
        try {
          await context.api.call(operation, [], { encoding: { contentType: FORM_MEDIA_TYPE, body: payload } });
        } catch (error) {
          if (error instanceof Error && error.name === 'TransportError') {
            context.expect(false, `${operation} with body ${JSON.stringify(payload.slice(0, 40))}: ${error.message}`);
          } else throw error;
        }
      }
    }
    for (const operation of operationIds()) {
      for (const encoding of garbageMultipart(context.ids.prefix)) {
        try {
          await context.api.call(operation, [], { encoding });
        } catch (error) {
          if (error instanceof Error && error.name === 'TransportError') {
            context.expect(false, `${operation} with a malformed multipart body: ${error.message}`);
          } else throw error;
        }
      }
    }
    for (const auth of weird) {
      try {
        await context.api.call('getMeetingStatus', { meetingKey: context.ids.key() }, { auth });
      } catch (error) {
        if (error instanceof Error && error.name === 'TransportError') context.expect(false, `odd credentials: ${error.message}`);
        else throw error;
      }
    }
    // Every answer of the run, the generated out-of-bounds parameters included (traffic check robustness.no-5xx).
    for (const finding of context.reviewed('robustness.no-5xx')) context.expect(false, finding);
  },
});
