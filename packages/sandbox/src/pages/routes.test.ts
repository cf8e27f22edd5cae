import { describe, expect, it } from 'vitest';
import { matchPage } from './routes.js';

const token = 'LIVEXP63FCLCRJW4GHT1X7O6';

describe('matchPage', () => {
  it.each([
    ['http://127.0.0.1:4010', '/', { page: 'dashboard' }],
    ['http://127.0.0.1:4010', `/e/${token}`, { page: 'entry', token }],
    ['http://127.0.0.1:4010/', `/e/${token}`, { page: 'entry', token }],
    ['http://127.0.0.1:4010', '/03P23Z', { page: 'lobby', code: '03P23Z' }],
    ['https://example.test/lm', '/lm/03P23Z', { page: 'lobby', code: '03P23Z' }],
    ['https://example.test/lm', `/lm/e/${token}`, { page: 'entry', token }],
    ['https://example.test/lm', '/lm/', { page: 'dashboard' }],
    // A proxy that strips the prefix.
    ['https://example.test/lm', `/e/${token}`, { page: 'entry', token }],
  ])('%s + %s is %j', (publicUrl, path, expected) => {
    expect(matchPage(publicUrl, path)).toEqual(expected);
  });

  it.each([
    '/createMeeting',
    '/getMeetingStatus',
    '/03p23z',
    '/03P23Z0',
    '/03P23',
    '/e/03P23Z',
    `/e/${token}X`,
    `/e/${token.toLowerCase()}`,
    `/x/e/${token}`,
    `/e/${token}/`,
    `/e//${token}`,
    `/x/03P23Z`,
    `//03P23Z`,
    '/favicon.ico',
    '/%30%33P23Z',
    '/e/LIVE%20XP63FCLCRJW4GHT1X7O',
  ])('%s is no page', (path) => {
    expect(matchPage('http://127.0.0.1:4010', path)).toBeUndefined();
  });
});
