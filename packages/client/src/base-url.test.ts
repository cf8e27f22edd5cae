import { describe, expect, it } from 'vitest';
import { checkBaseUrl } from './base-url.js';
import { ValidationError } from './errors.js';

describe('checkBaseUrl', () => {
  it.each([
    ['https://api.liveminutes.com', false, 'https://api.liveminutes.com'],
    ['https://staging.example.com/lm/', false, 'https://staging.example.com/lm'],
    ['http://127.0.0.1:4010', false, 'http://127.0.0.1:4010'],
    ['http://127.8.9.10:80/', false, 'http://127.8.9.10:80'],
    ['http://localhost:3000', false, 'http://localhost:3000'],
    ['http://[::1]:4010', false, 'http://[::1]:4010'],
    ['http://api.liveminutes.com', true, 'http://api.liveminutes.com'],
  ])('accepts %s (allowInsecureHttp %s)', (url, insecure, expected) => {
    expect(checkBaseUrl(url, insecure)).toBe(expected);
  });

  it.each([
    ['http://api.liveminutes.com', 'plain http'],
    ['http://10.0.0.1:4010', 'plain http'],
    ['http://127.example.com', 'plain http'],
    ['http://localhost.example.com', 'plain http'],
    ['ftp://example.com', 'http or https'],
    ['api.liveminutes.com', 'absolute URL'],
    ['https://example.com/?x=1', 'query'],
  ])('refuses %s', (url, why) => {
    expect(() => checkBaseUrl(url)).toThrow(ValidationError);
    expect(() => checkBaseUrl(url)).toThrow(why);
  });

  it('refuses credentials in the URL without echoing them', () => {
    let error: unknown;
    try {
      checkBaseUrl('https://sid:hunter2@api.liveminutes.com');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ param: 'baseUrl' });
    expect(String(error)).not.toContain('hunter2');
    expect(JSON.stringify(error)).not.toContain('hunter2');
  });
});
