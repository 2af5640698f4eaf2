/** One accepted record as DataSynth keeps it: `{"id":"SYNTH_0001","data":{...}}` plus optional extras. */
export interface RecordEntry {
  /** The record id, e.g. `SYNTH_0001`. */
  id: string;
  /** The record itself, shaped by the dataset schema. */
  data: Record<string, unknown>;
  /** Further keys kept beside the record (e.g. a `judge` verdict). */
  [extra: string]: unknown;
}
