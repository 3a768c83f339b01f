// The settings view's sections, in the order they are shown. A section is one component in this folder
// and one line here; its title and texts live in the message catalogue (settings.<section>.*).
import type { ComponentType } from 'react';
import type { MessageId } from '../../../main/shared/i18n/index.ts';
import { DataSection } from './DataSection.tsx';
import { GeneralSection } from './GeneralSection.tsx';
import { KeyboardSection } from './KeyboardSection.tsx';
import { LanguageSection } from './LanguageSection.tsx';
import { NoticesSection } from './NoticesSection.tsx';
import { PrivacySection } from './PrivacySection.tsx';
import { LocationSection } from './LocationSection.tsx';
import { LibrarySection } from './LibrarySection.tsx';
import { LooksSection } from './LooksSection.tsx';

export type SettingsSection = {
  /** Stable id: the anchor in the view and the section's test id (`settings-<id>`). */
  id: string;
  title: MessageId;
  Component: ComponentType;
};

export const settingsSections: readonly SettingsSection[] = [
  { id: 'general', title: 'settings.general', Component: GeneralSection },
  { id: 'language', title: 'settings.language', Component: LanguageSection },
  { id: 'library', title: 'settings.library', Component: LibrarySection },
  { id: 'looks', title: 'settings.cameras', Component: LooksSection },
  { id: 'privacy', title: 'settings.privacy', Component: PrivacySection },
  { id: 'data', title: 'settings.privacy.kept', Component: DataSection },
  { id: 'keyboard', title: 'settings.keyboard', Component: KeyboardSection },
  { id: 'notices', title: 'settings.notices', Component: NoticesSection },
  { id: 'location', title: 'settings.location', Component: LocationSection },
];
