// The bed board as a live feed: per app instance, one subscription to a hospital's bed topic
// (however many people watch it) and one board read per burst of changes, sent to every watcher
// of that hospital. Changes come from any instance through PostgreSQL (platform/live).
import type { BedBoard } from '../../../contracts/wards';
import type { Db } from '../../db/client';
import type { LiveHub, LiveLog } from '../../platform/live/live';
import { loadBoard } from './board.service';
import { bedBoardTopic } from './wards.live';

type Watcher = (board: BedBoard) => void;

interface HospitalFeed {
  watchers: Set<Watcher>;
  subscribed: Promise<() => void>;
  /** A read in progress; a change meanwhile asks for one more when it ends. */
  reading: boolean;
  stale: boolean;
}

export class BedBoardFeeds {
  private readonly byHospital = new Map<string, HospitalFeed>();

  constructor(
    private readonly hub: LiveHub,
    private readonly db: Db,
    private readonly log: LiveLog,
  ) {}

  /** How many watch, over all hospitals. */
  get watching(): number {
    return [...this.byHospital.values()].reduce((n, f) => n + f.watchers.size, 0);
  }

  /** Sends `watcher` the board now and after every change, until the returned function is called. */
  async watch(hospitalId: string, watcher: Watcher): Promise<() => void> {
    const feed = this.byHospital.get(hospitalId) ?? this.start(hospitalId);
    feed.watchers.add(watcher);
    const stop = () => {
      feed.watchers.delete(watcher);
      if (feed.watchers.size > 0 || this.byHospital.get(hospitalId) !== feed) return;
      this.byHospital.delete(hospitalId);
      void feed.subscribed.then((unsubscribe) => unsubscribe());
    };
    try {
      await feed.subscribed; // listening first: nothing committed after the read below is missed
      if (feed.watchers.has(watcher)) watcher(await loadBoard(this.db, hospitalId));
    } catch (err) {
      stop();
      throw err;
    }
    return stop;
  }

  private start(hospitalId: string): HospitalFeed {
    const feed: HospitalFeed = {
      watchers: new Set(),
      subscribed: Promise.resolve(() => {}),
      reading: false,
      stale: false,
    };
    feed.subscribed = this.hub.subscribe(bedBoardTopic(hospitalId), () => void this.send(hospitalId, feed));
    this.byHospital.set(hospitalId, feed);
    return feed;
  }

  private async send(hospitalId: string, feed: HospitalFeed): Promise<void> {
    feed.stale = true;
    if (feed.reading) return;
    feed.reading = true;
    try {
      while (feed.stale && feed.watchers.size > 0) {
        feed.stale = false;
        const board = await loadBoard(this.db, hospitalId);
        for (const watcher of [...feed.watchers]) watcher(board);
      }
    } catch (err) {
      this.log.warn({ err, hospitalId }, 'bed board: could not read the board');
    } finally {
      feed.reading = false;
    }
  }
}
