import { useIntl } from 'react-intl';
import type { MessageId } from '../../../main/shared/i18n/catalog.ts';
import { useT } from '../i18n.tsx';
import { coordinateParts } from './format.ts';
import './location.css';

const PAIR: MessageId = 'location.coordinates';

/**
 * Latitude and longitude, each kept on one line: a narrow panel breaks between the two, never inside one
 * (at 720 px the "W" of "9.13640° W" sat on a line of its own). The text is the catalogue's, unchanged.
 */
export function Coordinates(props: { latitude: number; longitude: number }) {
  const t = useT();
  const intl = useIntl();
  const parts = coordinateParts(t, props.latitude, props.longitude);
  return (
    <>
      {intl.formatMessage(
        { id: PAIR },
        { latitude: <span className="ds-coordinate">{parts.latitude}</span>, longitude: <span className="ds-coordinate">{parts.longitude}</span> },
      )}
    </>
  );
}
