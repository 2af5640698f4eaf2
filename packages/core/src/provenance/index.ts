export {
  groupProvenance,
  groupProvenanceFile,
  PROVENANCE_GROUPS,
  type ProvenanceGroup,
  type ProvenanceGroupRow,
  type ProvenanceGroups,
} from './group-provenance.js';
export {
  type ProvenanceLine,
  provenancePath,
  readProvenance,
  readProvenanceSidecar,
  writeProvenanceSidecar,
} from './provenance-sidecar.js';
export {
  contentHash,
  PROVENANCE_KEY,
  type RecordProvenance,
  RecordProvenanceSchema,
} from './record-provenance.js';
export { buildRunManifest, type RunManifest, readRunManifest } from './run-manifest.js';
