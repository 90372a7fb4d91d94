// The outbox folder: a message is whole under its name or absent, and a folder removed while the
// app runs is made again rather than losing the next message.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeOutboxFile } from './mailer';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hospitium-outbox-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('writeOutboxFile', () => {
  it('writes each message whole, leaving nothing half-written beside it', async () => {
    const dir = path.join(root, 'a', 'outbox');
    await writeOutboxFile(dir, '1.eml', 'first');
    await writeOutboxFile(dir, '2.eml', Buffer.from('second'));
    expect(fs.readdirSync(dir).sort()).toEqual(['1.eml', '2.eml']);
    expect(fs.readFileSync(path.join(dir, '2.eml'), 'utf8')).toBe('second');
    expect(fs.readdirSync(path.join(root, 'a', '.outbox-tmp'))).toEqual([]);
  });

  it('makes the folders again when they were removed after the first message', async () => {
    const dir = path.join(root, 'b', 'outbox');
    await writeOutboxFile(dir, '1.eml', 'first');
    fs.rmSync(path.join(root, 'b'), { recursive: true });
    await writeOutboxFile(dir, '2.eml', 'second');
    expect(fs.readdirSync(dir)).toEqual(['2.eml']);
    fs.rmSync(dir, { recursive: true }); // only the outbox this time, its temporary folder stays
    await writeOutboxFile(dir, '3.eml', 'third');
    expect(fs.readFileSync(path.join(dir, '3.eml'), 'utf8')).toBe('third');
  });
});
