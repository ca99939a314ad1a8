// GET /measures/catalogue?object= — the response measures (plan §5), with which are major (a
// directive is needed first) and who may direct them. Any signed-in caller.
import type { FastifyInstance } from 'fastify';
import { MEASURE_CATALOGUE, measuresFor } from '../../core/incidents/measure-catalogue.ts';
import { SCOPED_ERRORS } from '../schemas/common-schemas.ts';
import { Catalogue, CatalogueQuery } from '../schemas/incident-schemas.ts';

export async function measuresRoutes(api: FastifyInstance): Promise<void> {
  api.get<{ Querystring: { object?: string } }>('/measures/catalogue', {
    schema: {
      summary: 'The measure catalogue, optionally for one object kind (tld, authoritative, registration, recursive, website-dns)',
      tags: ['incidents'], security: [{ bearer: [] }], querystring: CatalogueQuery, response: { 200: Catalogue, ...SCOPED_ERRORS },
    },
  }, async (request) => ({ measures: request.query.object ? measuresFor(request.query.object) : [...MEASURE_CATALOGUE] }));
}
