/**
 * @module base-url
 * Checks a base URL before any credential is sent to it: http or https only,
 * no credentials, query or fragment in it, and plain http only on loopback
 * unless the caller says otherwise (basic auth would travel in clear text).
 */
import { invalidParameter } from './errors.js';

const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * The base URL without a trailing slash, or a `ValidationError` (param `baseUrl`).
 * @example
 * checkBaseUrl('http://127.0.0.1:4010/', false); // 'http://127.0.0.1:4010'
 * checkBaseUrl('http://api.example.com', false); // throws: plain http only for loopback
 */
export function checkBaseUrl(baseUrl: string, allowInsecureHttp = false): string {
  const fail = (why: string): never => {
    throw invalidParameter('createClient', 'baseUrl', why);
  };
  let url: URL | undefined;
  try {
    url = new URL(baseUrl);
  } catch {
    fail('is not an absolute URL');
  }
  const { protocol, hostname, username, password, search, hash } = url as URL;
  // Checked before anything echoes the URL: it may hold a password.
  if (username || password) fail('must not contain credentials');
  if (protocol !== 'https:' && protocol !== 'http:') fail('must be http or https');
  if (search || hash) fail('must not have a query or fragment');
  if (protocol === 'http:' && !allowInsecureHttp && !LOOPBACK.test(hostname)) {
    fail(`${baseUrl}: plain http only for loopback, or with allowInsecureHttp`);
  }
  return baseUrl.replace(/\/+$/, '');
}
