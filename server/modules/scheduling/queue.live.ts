// The public queue board as a live feed: one subscription to a hospital's queue topic per app
// instance (however many screens watch it), one board read per change, written to every screen of
// that hospital. Changes come from any instance through PostgreSQL (platform/live), never from
// this instance's memory.
import type { QueueBoard } from '../../../contracts/queue';
import type { Db } from '../../db/client';
import type { LiveHub, LiveLog } from '../../platform/live/live';
import { loadBoard } from './queue.service';
import type { HospitalFacts } from './queue.repo';
import { queueTopic } from './visits.service';

type Screen = (board: QueueBoard) => void;

interface Feed {
  hospital: HospitalFacts;
  screens: Set<Screen>;
  ready: Promise<() => void>;
  loading: boolean;
  again: boolean;
}

export class BoardFeeds {
  private readonly feeds = new Map<string, Feed>();

  constructor(
    private readonly hub: LiveHub,
    private readonly db: Db,
    private readonly log: LiveLog,
  ) {}

  /** How many screens watch, over all hospitals. */
  get screens(): number {
    let n = 0;
    for (const f of this.feeds.values()) n += f.screens.size;
    return n;
  }

  /**
   * Shows `screen` the hospital's board now and again after every change to its queue, until the
   * returned function is called.
   */
  async open(hospital: HospitalFacts, screen: Screen): Promise<() => void> {
    let feed = this.feeds.get(hospital.id);
    if (!feed) {
      const made: Feed = {
        hospital,
        screens: new Set(),
        ready: Promise.resolve(() => {}),
        loading: false,
        again: false,
      };
      made.ready = this.hub.subscribe(queueTopic(hospital.id), () => void this.refresh(made));
      this.feeds.set(hospital.id, made);
      feed = made;
    }
    const f = feed;
    f.screens.add(screen);
    const close = () => {
      f.screens.delete(screen);
      if (f.screens.size === 0 && this.feeds.get(hospital.id) === f) {
        this.feeds.delete(hospital.id);
        void f.ready.then((unsubscribe) => unsubscribe());
      }
    };
    try {
      await f.ready; // listening: no change committed after the read below goes unseen
      if (f.screens.has(screen)) screen(await loadBoard(this.db, hospital));
    } catch (err) {
      close();
      throw err;
    }
    return close;
  }

  /** Reads the board once for every screen of the hospital; changes during a read cause one more. */
  private async refresh(f: Feed): Promise<void> {
    if (f.loading) {
      f.again = true;
      return;
    }
    f.loading = true;
    try {
      do {
        f.again = false;
        if (f.screens.size === 0) return;
        const board = await loadBoard(this.db, f.hospital);
        for (const screen of [...f.screens]) screen(board);
      } while (f.again);
    } catch (err) {
      this.log.warn({ err, hospitalId: f.hospital.id }, 'queue board: could not read the board');
    } finally {
      f.loading = false;
    }
  }
}
