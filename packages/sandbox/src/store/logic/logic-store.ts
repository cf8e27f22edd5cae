/**
 * The {@link SandboxStore} written once over a {@link Driver}: each method
 * hands its operation's logic (read-operations.ts, write-operations.ts) to the
 * driver and returns views (rows.ts), so the row ids stay inside the store.
 */
import * as accountOps from './account-operations.js';
import * as reads from './read-operations.js';
import { publicEntry, publicMeeting, publicResult } from './rows.js';
import type { Logic } from './steps.js';
import * as writes from './write-operations.js';
import type {
  AddParticipantInput,
  CreateMeetingInput,
  HostAction,
  Limits,
  MeetingPageQuery,
  ParticipantAction,
  SandboxStore,
  StoreKind,
  StoredAccount,
} from '../types.js';

/**
 * How a back end runs the logic. `write` and `snapshot` take a factory, so
 * that a driver can run an operation again from the start (a unique key drawn
 * twice, a PostgreSQL deadlock).
 */
export interface Driver {
  readonly kind: StoreKind;
  readonly location: string;
  /** Runs reads as they come, outside any write. */
  read<T>(logic: Logic<T>): Promise<T>;
  /**
   * Runs a logic whose only write is one write script (atomic by itself): PostgreSQL runs
   * its reads on the pool and the script as one statement, with no transaction around them.
   */
  apply<T>(logic: () => Logic<T>): Promise<T>;
  /** Runs a write in one transaction; resolves once it is committed. */
  write<T>(logic: () => Logic<T>): Promise<T>;
  /** Runs reads that must see one state of the database. */
  snapshot<T>(logic: () => Logic<T>): Promise<T>;
  /** Finishes pending writes and closes the database; safe to call twice. */
  close(): Promise<void>;
}

/**
 * The sandbox's state on a driver (SqliteStore and PostgresStore are this class on theirs).
 * @example
 * const store = new LogicStore(driver);
 * await store.getMeeting('trw76p0066423', 'abc'); // { ok: false, code: 'meeting_not_found' }
 */
export class LogicStore implements SandboxStore {
  readonly kind: StoreKind;
  readonly location: string;

  constructor(private readonly driver: Driver) {
    this.kind = driver.kind;
    this.location = driver.location;
  }

  async createMeeting(accountSid: string, input: CreateMeetingInput, limits: Limits) {
    return publicResult(await this.driver.apply(() => writes.createMeeting(accountSid, input, limits)));
  }

  async addParticipant(accountSid: string, input: AddParticipantInput, limits: Limits) {
    return publicResult(await this.driver.apply(() => writes.addParticipant(accountSid, input, limits)));
  }

  async cancelMeeting(accountSid: string, meetingKey: string) {
    return publicResult(await this.driver.apply(() => writes.cancelMeeting(accountSid, meetingKey)));
  }

  async cancelParticipant(accountSid: string, meetingKey: string, puid: string) {
    return publicResult(await this.driver.apply(() => writes.cancelParticipant(accountSid, meetingKey, puid)));
  }

  async applyHostAction(token: string, action: HostAction) {
    return publicResult(await this.driver.apply(() => writes.applyHostAction(token, action)));
  }

  async applyParticipantAction(token: string, action: ParticipantAction) {
    return publicResult(await this.driver.apply(() => writes.applyParticipantAction(token, action)));
  }

  async getMeeting(accountSid: string, meetingKey: string) {
    return publicResult(await this.driver.read(reads.getMeeting(accountSid, meetingKey)));
  }

  async getParticipant(accountSid: string, meetingKey: string, puid: string) {
    return publicResult(await this.driver.read(reads.getParticipant(accountSid, meetingKey, puid)));
  }

  lookupMeeting(accountSid: string, meetingKey: string) {
    return this.driver.read(reads.lookupMeeting(accountSid, meetingKey));
  }

  lookupParticipant(accountSid: string, meetingKey: string, puid: string) {
    return this.driver.read(reads.lookupParticipant(accountSid, meetingKey, puid));
  }

  async findEntry(token: string) {
    const entry = await this.driver.read(reads.findEntry(token));
    return entry && publicEntry(entry);
  }

  async findMeetingByCode(code: string) {
    const meeting = await this.driver.read(reads.findMeetingByCode(code));
    return meeting && publicMeeting(meeting);
  }

  listMeetings(accountSid: string, options: { includeCancelled?: boolean } = {}) {
    return this.driver.snapshot(() => reads.listMeetings(accountSid, options.includeCancelled === true));
  }

  listMeetingsPage(accountSid: string, query: MeetingPageQuery) {
    if (!Number.isInteger(query.page) || query.page < 1 || !Number.isInteger(query.perPage) || query.perPage < 1) {
      return Promise.reject(new RangeError('page and perPage must be positive integers'));
    }
    return this.driver.snapshot(() => reads.listMeetingsPage(accountSid, query));
  }

  usage(accountSid: string) {
    return this.driver.read(reads.usage(accountSid));
  }

  addAccount(account: StoredAccount) {
    return this.driver.write(() => accountOps.addAccount(account));
  }

  findAccount(accountSid: string) {
    return this.driver.read(accountOps.findAccount(accountSid));
  }

  resetAccount(accountSid: string) {
    return this.driver.write(() => accountOps.resetAccount(accountSid));
  }

  close(): Promise<void> {
    return this.driver.close();
  }
}
