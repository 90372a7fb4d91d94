// Writes that ride along with another statement, as data-modifying CTEs (`with w0 as (insert …)
// insert …`): one round trip instead of one each. Being one statement, they commit or fail
// together even outside a transaction. They all see the statement's snapshot, so none may depend
// on another's rows: give them the ids they need up front (ADR 18).
//
// The pieces are plain text with positional parameters, composed by renumbering: booking, the one
// user, is the front desk's busiest write, and building its statement through drizzle's SQL objects
// (about a hundred parameters, pg-boss's included) was a measurable share of each request's CPU.
//
// Writes that insert into the same table the same way say so (`rows`), and a statement that carries
// several of them inserts all their rows with one INSERT: each INSERT in a statement costs the
// database its own parse, plan and executor start, whatever its number of rows (ADR 26).
import { getTableColumns, getTableName, type Table } from 'drizzle-orm';

/** A statement as text with positional parameters (`$1`, `$2`, …) and their values. */
export interface Positional {
  text: string;
  values: unknown[];
  /** The rows this write inserts, if other writes of the same kind may insert theirs with it. */
  rows?: MergeableRows;
}

/**
 * The rows of an INSERT, to be inserted with the rows of other writes that have the same `key`:
 * `build` makes the INSERT of any list of rows of that key, as the write's own `text` does for its
 * rows alone. Writes of one key differ in nothing but their rows (same table, columns, conflict
 * clause; nothing returned that tells one write's rows from another's unless they carry their ids).
 */
export interface MergeableRows {
  key: string;
  rows: readonly unknown[];
  build(rows: readonly unknown[]): Positional;
}

/**
 * `writes`, with those of one `rows` key made into one INSERT of all their rows, where the first of
 * them was; the others keep their place.
 */
export function merged(writes: readonly Positional[]): Positional[] {
  const groups = new Map<string, Positional[]>();
  const order: (Positional | Positional[])[] = [];
  for (const w of writes) {
    const group = w.rows && groups.get(w.rows.key);
    if (group) group.push(w);
    else if (w.rows) {
      const fresh = [w];
      groups.set(w.rows.key, fresh);
      order.push(fresh);
    } else order.push(w);
  }
  return order.map((o) => {
    if (!Array.isArray(o)) return o;
    if (o.length === 1) return o[0]!;
    return o[0]!.rows!.build(o.flatMap((w) => w.rows!.rows));
  });
}

/**
 * `$n` as a parameter: not part of an identifier (`t$1`), nor inside a quoted literal or name, a
 * dollar-quoted string (`$$…$$`, `$tag$…$tag$`) or a comment (`-- …`, `/* … *\/`). The
 * alternatives before the last one match what is skipped whole.
 */
const PARAM =
  /'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\/\*[\s\S]*?\*\/|(?<![\w$])\$([A-Za-z_]\w*)?\$[\s\S]*?\$\1\$|(?<![\w$])\$(\d+)/g;

/** A text cut at its parameters: `pieces[i]` comes before parameter `numbers[i]`, the last piece after them all. */
interface CutText {
  pieces: string[];
  numbers: number[];
}

/**
 * Texts already cut, by text. A batch of bookings renumbers the same few texts (pg-boss's 2.5 kB job
 * statement among them) again and again, and scanning them took 2% of an instance's CPU under a
 * load of bookings. Texts with a varying number of rows are as many shapes: the map is bounded.
 */
const cutTexts = new Map<string, CutText>();
const MAX_CUT_TEXTS = 500;

function cut(text: string): CutText {
  let c = cutTexts.get(text);
  if (c) return c;
  const pieces: string[] = [];
  const numbers: number[] = [];
  let last = 0;
  for (const m of text.matchAll(PARAM)) {
    if (m[2] === undefined) continue; // skipped whole: a literal, a quoted name, a comment
    pieces.push(text.slice(last, m.index));
    numbers.push(Number(m[2]));
    last = m.index + m[0].length;
  }
  pieces.push(text.slice(last));
  c = { pieces, numbers };
  if (cutTexts.size >= MAX_CUT_TEXTS) cutTexts.clear();
  cutTexts.set(text, c);
  return c;
}

/** `p`'s text with every parameter number moved up by `offset`. */
function shifted(p: Positional, offset: number): string {
  if (offset === 0) return p.text;
  const { pieces, numbers } = cut(p.text);
  let out = pieces[0]!;
  for (let i = 0; i < numbers.length; i++) out += `$${numbers[i]! + offset}${pieces[i + 1]!}`;
  return out;
}

/** Pieces joined into one statement: `take` gives a piece's text numbered after those taken before. */
function joining() {
  const values: unknown[] = [];
  const take = (p: Positional) => {
    const text = shifted(p, values.length);
    values.push(...p.values);
    return text;
  };
  return { values, take };
}

/** `main` with `writes` riding along ahead of it, each one's parameters renumbered after the last's. */
export function withWrites(writes: readonly Positional[], main: Positional): Positional {
  const { values, take } = joining();
  const ctes = merged(writes).map((w, i) => `side_write_${i} as (${take(w)})`);
  const body = take(main);
  return { text: ctes.length > 0 ? `with ${ctes.join(', ')} ${body}` : body, values };
}

/** A single-row statement (an INSERT … RETURNING) and the writes that ride along with it. */
export interface WithWrites {
  writes: readonly Positional[];
  main: Positional;
}

/**
 * Several `withWrites` as one statement: every item's writes and its main statement become CTEs of
 * one `with`, and the statement yields the rows of every main statement (`union all`), which must
 * all have the same columns. Data-modifying CTEs must sit at the top level, so the items are laid
 * side by side rather than nested. Writes of one `rows` key, main statements included, become one
 * INSERT of all their rows: a main statement's rows are told apart by the ids they return. One
 * statement: all of it commits, or none of it.
 */
export function allWithWrites(items: readonly WithWrites[]): Positional {
  if (items.length === 1) return withWrites(items[0]!.writes, items[0]!.main);
  const { values, take } = joining();
  const writes = merged(items.flatMap((item) => item.writes));
  const mains = merged(items.map((item) => item.main));
  const ctes = [
    ...writes.map((w, i) => `side_write_${i} as (${take(w)})`),
    ...mains.map((m, i) => `main_${i} as (${take(m)})`),
  ];
  const body = mains.map((_, i) => `select * from main_${i}`).join(' union all ');
  return { text: `with ${ctes.join(', ')} ${body}`, values };
}

/** A cell left to the column's database default. */
const DEFAULT = Symbol('default');

/**
 * The INSERT of `rows` into `table` as drizzle writes it: every column, each value mapped by its
 * column; a value left undefined takes the column's `$defaultFn` (ids), else the database's
 * default. Plain values only (no SQL). `suffix` follows the values (`on conflict …`). Other such
 * INSERTs into the same table with the same suffix may be merged with it (`merged`).
 */
export function insertRows<T extends Table>(
  table: T,
  rows: readonly Partial<T['$inferInsert']>[],
  suffix = '',
): Positional {
  if (rows.length === 0) throw new Error('insertRows: no rows');
  const byKey = getTableColumns(table);
  const columns = Object.entries(byKey);
  const cells = rows.map((row) => {
    const r = row as Record<string, unknown>;
    for (const k of Object.keys(r)) {
      if (!Object.hasOwn(byKey, k))
        throw new Error(`insertRows: ${getTableName(table)} has no column for "${k}"`);
    }
    return columns.map(([key, c]) => {
      let v = r[key];
      if (v === undefined && c.defaultFn) v = c.defaultFn();
      else if (v === undefined && !c.default && c.onUpdateFn) v = c.onUpdateFn();
      if (v === undefined) return DEFAULT;
      if (v !== null && typeof v === 'object' && 'getSQL' in v)
        throw new Error(`insertRows: "${key}" holds SQL; only plain values ride along`);
      return v === null ? null : c.mapToDriverValue(v);
    });
  });
  const head = `insert into "${getTableName(table)}" (${columns.map(([, c]) => `"${c.name}"`).join(', ')}) values `;
  return cellsInsert(head, suffix, cells);
}

/** `head` (`insert into … values `), the tuples of `cells` as parameters or `default`, and `suffix`. */
function cellsInsert(head: string, suffix: string, cells: readonly unknown[][]): Positional {
  const values: unknown[] = [];
  const tuples = cells.map((row) => {
    const list = row.map((v) => {
      if (v === DEFAULT) return 'default';
      values.push(v);
      return `$${values.length}`;
    });
    return `(${list.join(', ')})`;
  });
  return {
    text: `${head}${tuples.join(', ')}${suffix}`,
    values,
    rows: {
      key: `${head}\n${suffix}`,
      rows: cells,
      build: (rows) => cellsInsert(head, suffix, rows as unknown[][]),
    },
  };
}

/** `returning` every column of `table` under its property name, as drizzle's rows have them. */
export function returningAll(table: Table): string {
  const cached = returning.get(table);
  if (cached) return cached;
  const list = Object.entries(getTableColumns(table))
    .map(([key, c]) =>
      // node-postgres reads a date as a JS Date at local midnight; drizzle's string dates are text.
      c.columnType === 'PgDateString' ? `"${c.name}"::text as "${key}"` : `"${c.name}" as "${key}"`,
    )
    .join(', ');
  const text = ` returning ${list}`;
  returning.set(table, text);
  return text;
}
const returning = new WeakMap<Table, string>();
