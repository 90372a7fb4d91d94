// The baseline: Fastify with nothing added, one GET route answering a small JSON document. Hospitium's
// routes are reported as a fraction of this route's throughput, measured in the same run.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
const body = {
  id: '01925e5c-7b9a-7c1e-8f3a-2b4c6d8e0f12',
  givenName: 'Aarav',
  familyName: 'Patel',
  mrn: 'CGH-000001',
};
app.get('/bare', async () => body);
app.get('/healthz', async () => ({ status: 'ok' }));

const port = Number(process.env.PORT ?? 0);
app.listen({ host: '127.0.0.1', port }).catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
