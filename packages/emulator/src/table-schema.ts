const JSON_SCHEMA_DIALECT = 'http://json-schema.org/draft-07/schema#';

/**
 * Builds a JSON Schema for the records of `table`: a `key` with the primary key, a `value`
 * with the columns and a `meta` object, the layout that DAP records use.
 * NOTE: the columns are a generic sample, not the table's real column list.
 */
export function buildTableSchema(namespace: string, table: string) {
  return {
    $schema: JSON_SCHEMA_DIALECT,
    title: `${namespace}.${table}`,
    type: 'object',
    required: ['key', 'value', 'meta'],
    properties: {
      key: {
        type: 'object',
        required: ['id'],
        properties: { id: { type: 'integer', format: 'int64' } },
        additionalProperties: false,
      },
      value: {
        type: 'object',
        properties: {
          created_at: { type: 'string', format: 'date-time' },
          updated_at: { type: 'string', format: 'date-time' },
          workflow_state: { type: 'string', maxLength: 255 },
        },
      },
      meta: {
        type: 'object',
        properties: {
          ts: { type: 'string', format: 'date-time' },
          action: { type: 'string', enum: ['U', 'D'] },
        },
      },
    },
  };
}
