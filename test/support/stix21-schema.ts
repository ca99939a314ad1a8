// A JSON Schema (draft 2020-12 subset, checked with ajv) of the STIX 2.1 objects dnswarden exports, from
// the specification's required properties (STIX 2.1 OASIS Standard §2, §3, §4.7 identity, §4.8
// indicator, §5.1 relationship, §6.3 domain-name, §8 bundle): type, spec_version "2.1", id as
// "<type>--<UUID>", created/modified as RFC 3339 UTC timestamps (modified ≥ created is checked in the
// test), the indicator's pattern, pattern_type and valid_from, the relationship's type and refs, the
// domain-name's value, object_marking_refs as marking-definition ids. Written for the tests: a faithful
// hand statement of the required properties, not OASIS's schema files.
const uuid = '[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';
const idOf = (type: string) => ({ type: 'string', pattern: `^${type}--${uuid}$` });
const anyId = { type: 'string', pattern: `^[a-z0-9][a-z0-9-]+[a-z0-9]--${uuid}$` };
const timestamp = { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?Z$' };
const markings = { type: 'array', minItems: 1, items: idOf('marking-definition') };
const common = (type: string) => ({
  type: { const: type }, spec_version: { const: '2.1' }, id: idOf(type), created: timestamp, modified: timestamp,
  created_by_ref: idOf('identity'), object_marking_refs: markings,
  external_references: { type: 'array', items: { type: 'object', required: ['source_name'], properties: { source_name: { type: 'string', minLength: 1 } } } },
});

export const STIX21_BUNDLE_SCHEMA = {
  $id: 'dnswarden-stix21-bundle',
  type: 'object',
  required: ['type', 'id', 'objects'],
  additionalProperties: false,
  properties: { type: { const: 'bundle' }, id: idOf('bundle'), objects: { type: 'array', minItems: 1, items: { $ref: '#/$defs/object' } } },
  $defs: {
    object: {
      type: 'object', required: ['type'],
      oneOf: [{ $ref: '#/$defs/identity' }, { $ref: '#/$defs/indicator' }, { $ref: '#/$defs/relationship' }, { $ref: '#/$defs/domain-name' }],
    },
    identity: {
      type: 'object', required: ['type', 'spec_version', 'id', 'created', 'modified', 'name'],
      properties: { ...common('identity'), name: { type: 'string', minLength: 1 },
        identity_class: { enum: ['individual', 'group', 'system', 'organization', 'class', 'unknown'] } },
    },
    indicator: {
      type: 'object', required: ['type', 'spec_version', 'id', 'created', 'modified', 'pattern', 'pattern_type', 'valid_from'],
      properties: {
        ...common('indicator'), name: { type: 'string' }, description: { type: 'string' },
        indicator_types: { type: 'array', minItems: 1, items: { enum: ['anomalous-activity', 'anonymization', 'benign', 'compromised', 'malicious-activity', 'attribution', 'unknown'] } },
        pattern: { type: 'string', pattern: "^\\[domain-name:value = '.+'\\]$" }, pattern_type: { const: 'stix' },
        valid_from: timestamp, valid_until: timestamp, confidence: { type: 'integer', minimum: 0, maximum: 100 },
      },
    },
    relationship: {
      type: 'object', required: ['type', 'spec_version', 'id', 'created', 'modified', 'relationship_type', 'source_ref', 'target_ref'],
      properties: { ...common('relationship'), relationship_type: { type: 'string', pattern: '^[a-z0-9-]+$' }, source_ref: anyId, target_ref: anyId },
    },
    'domain-name': {
      type: 'object', required: ['type', 'id', 'value'],
      properties: { type: { const: 'domain-name' }, spec_version: { const: '2.1' }, id: idOf('domain-name'), value: { type: 'string', minLength: 1 }, object_marking_refs: markings },
      not: { anyOf: [{ required: ['created'] }, { required: ['modified'] }] },
    },
  },
};
