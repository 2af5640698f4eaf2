export { type ConvertFileOptions, convertFile } from './convert-file.js';
export { type FieldRoles, inferFieldRoles } from './field-roles.js';
export { formatForPath } from './format-for-path.js';
export { mapRecordToFormat } from './map-record-to-format.js';
export { OutputError, type OutputErrorCode } from './output-error.js';
export { OUTPUT_FORMATS, type OutputFormat } from './output-format.js';
export { readRecordsFile } from './read-records-file.js';
export {
  type EnvelopeMetadata,
  type OutputSchema,
  type WriteOutputOptions,
  type WriteOutputResult,
  writeOutput,
} from './write-output.js';
