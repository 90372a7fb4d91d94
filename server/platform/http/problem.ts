import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { ERROR_STATUS, type ErrorCode, type FieldError, type Problem } from '../../../contracts/errors';
import { AppError, constraintViolation, sqlState } from '../errors';
import { FHIR_MEDIA_TYPE, isFhirPath, operationOutcome } from '../fhir/outcome';
import { fieldErrorKind, sentValue } from './field-errors';

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  413: 'Payload too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  422: 'Rule violation',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
};

/** Builds an RFC 9457 problem body. */
export function problem(
  code: ErrorCode,
  detail: string,
  req: FastifyRequest,
  extra: Record<string, unknown> = {},
): Problem {
  const status = ERROR_STATUS[code];
  // A service's extra members never replace the standard ones (an extra `status` would break the
  // answer); only `instance` may be dropped, where echoing the path back would repeat a bad value.
  return {
    ...extra,
    type: `urn:hospitium:problem:${code.toLowerCase().replaceAll('_', '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    detail,
    instance: 'instance' in extra ? (extra.instance as string | undefined) : req.url.split('?')[0],
    requestId: req.id,
  };
}

/** Sends a problem: as problem+json, or under /fhir as the OperationOutcome saying the same. */
export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  if (isFhirPath(reply.request.url)) {
    return reply.status(body.status).type(FHIR_MEDIA_TYPE).send(operationOutcome(body));
  }
  return reply.status(body.status).type('application/problem+json').send(body);
}

/** Maps Fastify's own client errors (bad JSON, wrong media type, too large) to our codes. */
function fastifyClientError(err: FastifyError): { code: ErrorCode; detail: string } | null {
  switch (err.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { code: 'UNSUPPORTED_MEDIA_TYPE', detail: 'Send the body as application/json.' };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { code: 'PAYLOAD_TOO_LARGE', detail: 'The request body is too large.' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { code: 'BAD_REQUEST', detail: 'The JSON body is empty.' };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { code: 'BAD_REQUEST', detail: 'The Content-Length header does not match the body.' };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { code: 'BAD_REQUEST', detail: 'The body is not valid JSON.' };
    default:
      break;
  }
  if (err.statusCode === 429)
    return { code: 'RATE_LIMITED', detail: 'Too many requests; try again shortly.' };
  if (
    err instanceof SyntaxError ||
    (err.statusCode === 400 && /JSON|prototype|constructor/i.test(err.message))
  ) {
    return { code: 'BAD_REQUEST', detail: 'The body is not valid JSON.' };
  }
  if (err.statusCode === 413) return { code: 'PAYLOAD_TOO_LARGE', detail: 'The request is too large.' };
  if (err.statusCode === 415) return { code: 'UNSUPPORTED_MEDIA_TYPE', detail: err.message };
  if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500)
    return { code: 'BAD_REQUEST', detail: err.message };
  return null;
}

/**
 * What to tell the caller when the database gave up on a statement because of other work:
 * serialization_failure, deadlock_detected, lock_not_available (lock_timeout) and query_canceled
 * (statement_timeout). Each answers 503 with Retry-After.
 */
const CONCURRENT = 'Someone else was changing the same records at the same moment. Try again.';
const TRY_AGAIN: Readonly<Record<string, string>> = {
  '40001': CONCURRENT,
  '40P01': CONCURRENT,
  '55P03': CONCURRENT,
  '57014': 'The database took too long to answer. Try again in a moment.',
};

export type RefusalListener = (req: FastifyRequest, err: AppError) => Promise<void>;

/** Installs the error and not-found handlers that turn every failure into problem+json. */
export function installProblemHandlers(app: FastifyInstance, onRefusal: RefusalListener): void {
  app.setErrorHandler(async (err: FastifyError, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const context = err.validationContext ?? 'body';
      const sent = context === 'querystring' ? req.query : req[context as 'body' | 'params' | 'headers'];
      const errors: FieldError[] = err.validation.map((v) => {
        const where = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
        return {
          path: [context, where].filter(Boolean).join('.'),
          message: v.message ?? 'Invalid',
          // The issue kind and its limits, for clients to word in the person's language.
          ...fieldErrorKind(v.keyword, v.params, sentValue(sent, v.instancePath)),
        };
      });
      const first = errors[0];
      const detail = first ? `${first.path}: ${first.message}` : 'The request is not valid.';
      return sendProblem(reply, problem('VALIDATION_FAILED', detail, req, { errors }));
    }
    if (err instanceof AppError) {
      if (err.status === 403 || err.status === 404) await onRefusal(req, err).catch((e) => req.log.error(e));
      if (err.status >= 500) req.log.error({ err }, 'server error');
      return sendProblem(reply, problem(err.code, err.message, req, err.extra));
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err }, 'response did not match its contract');
      return sendProblem(reply, problem('INTERNAL', 'Something went wrong on our side.', req));
    }
    const violation = constraintViolation(err);
    if (violation)
      return sendProblem(reply, problem(violation.code, violation.message, req, violation.extra));
    const client = fastifyClientError(err);
    if (client) return sendProblem(reply, problem(client.code, client.detail, req));
    // Values PostgreSQL rejects that validation let through (e.g. out-of-range numbers) are still
    // the client's input: class 22 is "data exception".
    const state = sqlState(err);
    if (state?.startsWith('22')) {
      return sendProblem(
        reply,
        problem('BAD_REQUEST', 'A value in the request is out of range or malformed.', req),
      );
    }
    // The database gave up on the statement because of others running at the same moment (a
    // deadlock, a serialization failure, a lock or a statement waited on too long): its
    // transaction kept nothing, and the same request may well pass a moment later. Logged as an
    // error all the same: a deadlock means two paths take their locks in different orders.
    const busy = state ? TRY_AGAIN[state] : undefined;
    if (busy) {
      req.log.error({ err }, 'refused by the database for a concurrent change; the client may try again');
      reply.header('retry-after', '1');
      return sendProblem(reply, problem('UNAVAILABLE', busy, req));
    }
    req.log.error({ err }, 'unhandled error');
    return sendProblem(reply, problem('INTERNAL', 'Something went wrong on our side.', req));
  });

  app.setNotFoundHandler((req, reply) => {
    // Name the path, but never echo an arbitrarily long one back.
    const path = req.url.split('?')[0]!;
    const shown = path.length > 120 ? `${path.slice(0, 120)}…` : path;
    return sendProblem(
      reply,
      problem('NOT_FOUND', `No route for ${req.method} ${shown}.`, req, { instance: undefined }),
    );
  });
}
