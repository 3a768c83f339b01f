// Location: where a shot was taken. Tracks (GPX, KML, Google exports) in, matched to capture times, written as
// tags by main/metadata; the place for new shots; the offline town list. See README.md beside this file.
export { readTrack, parseInstant, parseLatLng, DEFAULT_MAX_ACCURACY, type Fix, type Track, type TrackFormat, type TrackOptions } from './tracks/index.ts';
export { matchInstant, distanceMetres, DEFAULT_MAX_GAP_SECONDS, type Match } from './match.ts';
export { captureInstant, checkZone, parseTimeOffset, formatTimeOffset, parseFixedOffset, type CaptureTime, type TimeOptions } from './time.ts';
export {
  readCaptures,
  matchCaptures,
  writeGeotags,
  undoGeotags,
  saveRun,
  loadRun,
  type Capture,
  type GeotagOptions,
  type GeotagResult,
  type GeotagRun,
  type GeotagTarget,
  type UndoEntry,
} from './geotag.ts';
export { searchPlaces, nearestPlace, placeById, placeKey, setPlacesFile, type Place } from './places.ts';
export {
  openLocationStore,
  mayAttachLocation,
  addLocationGate,
  onLocationUse,
  reportLocationUse,
  type LocationUse,
  parseCoordinates,
  resolvePlace,
  type LocationGate,
  type LocationSettings,
  type LocationStore,
  type SessionPlace,
} from './session.ts';
