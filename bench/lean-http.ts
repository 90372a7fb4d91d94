// A load generator's HTTP/1.1 client: one keep-alive connection that carries one request at a
// time, as each of pgbench's clients holds one connection. It shares the machine's cores with what
// it measures, so it does as little as it can: the request is one string written to the socket, and
// of the answer it reads the status and the body's text, no more. With node:http's client (an
// agent, header objects, a parser and a stream for each answer) the booking bench's load cost
// 162–170 µs of CPU a request; with this one 63–80 µs (2026-12-06, alternated runs).
// Answers must say their length (content-length); a chunked one is refused rather than misread.
import net from 'node:net';

export interface LeanAnswer {
  status: number;
  /** The body as text. */
  body: string;
}

const HEADER_END = Buffer.from('\r\n\r\n');
const LENGTH = /\r\ncontent-length:[ \t]*(\d+)/i;
const CHUNKED = /\r\ntransfer-encoding:[ \t]*chunked/i;

export class LeanConnection {
  private socket: net.Socket | null = null;
  private buffered: Buffer = Buffer.alloc(0);
  private waiting: { resolve: (a: LeanAnswer) => void; reject: (e: Error) => void } | null = null;
  private readonly host: string;
  private readonly port: number;
  /** The headers every request carries, as text. */
  private readonly fixed: string;

  /**
   * @param origin `http://host:port`
   * @param headers sent with every request, e.g. `{ authorization: 'Bearer …' }`
   */
  constructor(origin: string, headers: Record<string, string>) {
    const url = new URL(origin);
    if (url.protocol !== 'http:')
      throw new Error(`LeanConnection speaks plain HTTP only, not ${url.protocol}`);
    this.host = url.hostname;
    this.port = Number(url.port || 80);
    this.fixed = Object.entries(headers)
      .map(([k, v]) => `${k}: ${v}\r\n`)
      .join('');
  }

  /** Sends a request with a JSON body (or none) and resolves with its answer. One at a time. */
  request(method: string, path: string, json?: string): Promise<LeanAnswer> {
    if (this.waiting) return Promise.reject(new Error('LeanConnection: one request at a time'));
    const head =
      `${method} ${path} HTTP/1.1\r\nhost: ${this.host}:${this.port}\r\n${this.fixed}` +
      (json === undefined
        ? '\r\n'
        : `content-type: application/json\r\ncontent-length: ${Buffer.byteLength(json)}\r\n\r\n${json}`);
    return new Promise<LeanAnswer>((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.connection().write(head);
    });
  }

  /** Lets the socket go; a request still waiting fails with `err`. The next request connects again. */
  close(err = new Error('LeanConnection: closed')): void {
    const socket = this.socket;
    this.socket = null;
    this.buffered = Buffer.alloc(0);
    socket?.destroy();
    const w = this.waiting;
    this.waiting = null;
    w?.reject(err);
  }

  private connection(): net.Socket {
    if (this.socket) return this.socket;
    const socket = net.connect({ host: this.host, port: this.port, noDelay: true });
    socket.on('data', (chunk: Buffer) => this.received(chunk));
    // A socket this connection has let go of (closed, or replaced) no longer speaks for it.
    const lost = (err?: Error) => {
      if (this.socket === socket)
        this.close(err ?? new Error('LeanConnection: the server closed the connection'));
    };
    socket.on('error', lost);
    socket.on('close', () => lost());
    this.socket = socket;
    return socket;
  }

  private received(chunk: Buffer): void {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    const end = this.buffered.indexOf(HEADER_END);
    if (end < 0) return;
    const head = this.buffered.toString('latin1', 0, end);
    if (CHUNKED.test(head)) {
      this.close(new Error('LeanConnection: a chunked answer (only answers with a content-length are read)'));
      return;
    }
    const length = Number(LENGTH.exec(head)?.[1] ?? 0);
    const total = end + HEADER_END.length + length;
    if (this.buffered.length < total) return;
    if (this.buffered.length > total) {
      this.close(new Error('LeanConnection: more bytes than one answer (the server answered twice?)'));
      return;
    }
    const status = Number(head.slice(9, 12));
    const body = this.buffered.toString('utf8', end + HEADER_END.length, total);
    this.buffered = Buffer.alloc(0);
    const w = this.waiting;
    this.waiting = null;
    w?.resolve({ status, body });
  }
}
