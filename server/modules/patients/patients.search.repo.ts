import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Executor } from '../../db/client';
import { isoDate, isoTs } from './patients.record.repo';
import { escapeLike } from '../../db/like';

/** How a search text is read: see `classifyQuery` in search.service.ts. */
export type PatientMatch =
  | { kind: 'all' }
  | { kind: 'phone-exact'; phone: string }
  | { kind: 'phone-suffix'; digits: string }
  | { kind: 'mrn'; mrn: string }
  | { kind: 'name'; name: string };

export interface PatientSummaryRow extends Record<string, unknown> {
  id: string;
  mrn: string;
  given_name: string;
  family_name: string;
  date_of_birth: string | null;
  sex: string;
  phone: string | null;
  registered_at: string;
  total: string | number | null;
}

/**
 * How loosely a name matches. pg_trgm's defaults (0.3 / 0.6) miss transposed letters in short
 * words ("Shrama" scores 0.29 against "priya sharma"); these are set for the search's transaction
 * only, and the trigram GIN index still serves the `%` and `<%` operators.
 */
const NAME_SIMILARITY = '0.3';
const WORD_SIMILARITY = '0.25';

function condition(m: PatientMatch): SQL {
  switch (m.kind) {
    case 'all':
      return sql`true`;
    case 'phone-exact':
      return sql`p.phone = ${m.phone}`;
    case 'phone-suffix':
      // Served by the phone trigram index: the caller typed the number without its country code.
      return sql`p.phone like ${'%' + m.digits}`;
    case 'mrn':
      return sql`r.mrn = ${m.mrn}`;
    case 'name':
      return sql`(p.search_name % ${m.name} or ${m.name} <% p.search_name)`;
  }
}

/** At most this many typed words count; at most this many spellings of each are looked for. */
const MAX_WORDS = 4;
const SPELLINGS_PER_WORD = 32;

/**
 * How typed words are spelt out. `strict`: a typed word that is somebody's name word stands for
 * itself and the words it begins (typing ahead); only a word in nobody's name is corrected. `loose`:
 * every word is corrected (the second try, when the strict one finds nobody: "shrama" may be one
 * patient's name while another's is "sharma").
 */
type Spelling = 'strict' | 'loose';

/**
 * The name words that a typed word may stand for: itself, a word it begins (typing ahead), and, to
 * correct it, a near spelling by trigrams or one within a small edit distance (a transposition such
 * as "shrama" is two edits, and in a short word leaves too few trigrams in common). The other typed
 * words are never a spelling of this one: in "rao raj" each stands for itself, else every Rao
 * would match both words (tens of thousands of patients in a large hospital). Looked up in the short
 * list of distinct name words, not among the patients.
 */
function spellings(word: string, others: string[], mode: Spelling): SQL {
  const edits = word.length >= 4 ? 2 : word.length === 3 ? 1 : 0;
  const prefix = `${escapeLike(word)}%`;
  const near = sql`(n.word % ${word}
                    or (length(n.word) between ${word.length - edits} and ${word.length + edits}
                        and levenshtein_less_equal(n.word, ${word}, ${edits}) <= ${edits}))`;
  const corrected =
    mode === 'loose'
      ? near
      : sql`(not exists (select 1 from patient_name_words k where k.word = ${word}) and ${near})`;
  return sql`array(select n.word from patient_name_words n
                    where (n.word like ${prefix} or ${corrected})
                      and n.word <> all(${sql.param(others)}::text[])
                    order by levenshtein_less_equal(n.word, ${word}, 3), n.word
                    limit ${SPELLINGS_PER_WORD})`;
}

/** Every typed word (or a spelling of it) among the patient's name words: served by a GIN index. */
function byWords(name: string, mode: Spelling): SQL {
  const words = [...new Set(name.split(' ').filter(Boolean))].slice(0, MAX_WORDS);
  return sql.join(
    words.map(
      (w) =>
        sql`string_to_array(p.search_name, ' ') && ${spellings(
          w,
          words.filter((o) => o !== w),
          mode,
        )}`,
    ),
    sql` and `,
  );
}

function ordering(m: PatientMatch): SQL {
  if (m.kind === 'name') {
    return sql`word_similarity(${m.name}, p.search_name) desc, similarity(p.search_name, ${m.name}) desc, p.search_name, p.id`;
  }
  return sql`r.registered_at desc, r.id desc`;
}

/** A page of the hospital's registered patients matching `m`, with the total number of matches. */
export async function searchRegistered(
  exec: Executor,
  hospitalId: string,
  m: PatientMatch,
  limit: number,
  offset: number,
): Promise<{ rows: PatientSummaryRow[]; total: number }> {
  if (m.kind === 'name') {
    await exec.execute(
      sql`select set_config('pg_trgm.similarity_threshold', ${NAME_SIMILARITY}, true),
                 set_config('pg_trgm.word_similarity_threshold', ${WORD_SIMILARITY}, true)`,
    );
    // Word by word first: exact enough to stay fast in a hospital of a million patients; known
    // words as typed, then every word corrected. Only when that finds nobody, the whole name by
    // trigrams (names typed run together, words out of place).
    for (const mode of ['strict', 'loose'] as const) {
      const found = await page(exec, hospitalId, m, byWords(m.name, mode), limit, offset);
      if (found.total > 0) return found;
    }
  }
  return page(exec, hospitalId, m, condition(m), limit, offset);
}

async function page(
  exec: Executor,
  hospitalId: string,
  m: PatientMatch,
  matches: SQL,
  limit: number,
  offset: number,
): Promise<{ rows: PatientSummaryRow[]; total: number }> {
  const where = sql`r.hospital_id = ${hospitalId} and ${matches}`;
  // The unfiltered list walks the (hospital_id, registered_at) index and stops at the page; a
  // window count there would visit every registration, so it is counted on its own.
  const windowCount = m.kind === 'all' ? sql`null` : sql`count(*) over ()`;
  const rows = await queryRows<PatientSummaryRow>(
    exec,
    sql`select p.id, r.mrn, p.given_name, p.family_name, ${isoDate(sql`p.date_of_birth`)} as date_of_birth, p.sex,
               p.phone, ${isoTs(sql`r.registered_at`)} as registered_at, ${windowCount} as total
          from patient_registrations r join patients p on p.id = r.patient_id
         where ${where}
         order by ${ordering(m)}
         limit ${limit} offset ${offset}`,
  );
  if (m.kind !== 'all' && (rows.length > 0 || offset === 0)) {
    return { rows, total: rows.length ? Number(rows[0]!.total) : 0 };
  }
  // Counted on its own: the unfiltered list, and a page past the last match (no row carries the window count).
  const [count] = await queryRows<{ n: string | number }>(
    exec,
    m.kind === 'all'
      ? sql`select count(*) as n from patient_registrations r where r.hospital_id = ${hospitalId}`
      : sql`select count(*) as n from patient_registrations r join patients p on p.id = r.patient_id where ${where}`,
  );
  return { rows, total: Number(count?.n ?? 0) };
}
