import { create } from 'zustand';
import { persist } from 'zustand/middleware';
import type { Locale } from '../../main/shared/i18n/index.ts';

export type View = 'camera' | 'album' | 'trash' | 'settings';
export type SettingsFocus = { section: string; lookId?: string; action?: 'rename' | 'delete'; at: number };
export type CaptureMode = 'photo' | 'video';
export type SelfTimer = 0 | 3 | 10;

export const SELF_TIMER_STEPS: readonly SelfTimer[] = [0, 3, 10];
/** A burst is this many shots, one every BURST_INTERVAL_MS. */
export const BURST_SHOTS = 4;
export const BURST_INTERVAL_MS = 1000;
/** The camera a first launch opens on: a flattering portrait film, not whichever sorts first (an expired stock). */
export const FIRST_LOOK_ID = 'velvet-160';
/**
 * Kept apart from the persisted UI state (darkslide.ui), which tests and old versions may write whole: the
 * introduction must not come back because another preference was written.
 */
export const INTRO_SEEN_KEY = 'darkslide.intro-seen';

function introSeen(): boolean {
  try {
    return localStorage.getItem(INTRO_SEEN_KEY) === '1';
  } catch {
    return true;
  }
}

type UiState = {
  view: View;
  deviceId: string | null;
  lookId: string | null;
  strength: number;
  grain: number;
  grid: boolean;
  mode: CaptureMode;
  selfTimer: SelfTimer;
  burst: boolean;
  screenFlash: boolean;
  viewing: string | null; // item id open in the full view
  /** The UI language: the system's, or one the user chose. */
  language: 'system' | Locale;
  /** Single-character shortcuts (letters, digits, punctuation) on; off for speech input users (WCAG 2.1.4). */
  letterKeys: boolean;
  setLetterKeys(on: boolean): void;
  /** "Record anyway" answers to the real-time check, by device, capture size and look: not asked again. */
  slowOk: Record<string, true>;
  acceptSlow(key: string): void;
  /** The short introduction: open by itself on the first launch, again from Settings or the key help. */
  introOpen: boolean;
  setIntroOpen(open: boolean): void;
  /** A shutter click on each photo; on by default, as on a camera or a phone (the system's mute cannot be read here). */
  shutterSound: boolean;
  setShutterSound(on: boolean): void;
  /** The key help, over whatever view is on screen. */
  helpOpen: boolean;
  setHelpOpen(open: boolean): void;
  setLanguage(language: 'system' | Locale): void;
  setView(view: View): void;
  /** Settings opened at a section (an error's button, the look strip's menu), with what to do there. */
  settingsFocus: SettingsFocus | null;
  openSettings(focus: SettingsFocus): void;
  setDevice(id: string | null): void;
  setLook(id: string): void;
  setStrength(value: number): void;
  setGrain(value: number): void;
  toggleGrid(): void;
  setMode(mode: CaptureMode): void;
  cycleSelfTimer(): void;
  setSelfTimer(value: SelfTimer): void;
  toggleBurst(): void;
  toggleScreenFlash(): void;
  open(id: string | null): void;
};

// Choices a photographer expects to find again next time; the view is not one.
export const useUi = create<UiState>()(
  persist(
    (set) => ({
      view: 'camera',
      deviceId: null,
      lookId: null,
      strength: 1,
      grain: 1,
      grid: false,
      mode: 'photo',
      selfTimer: 0,
      burst: false,
      screenFlash: false,
      viewing: null,
      language: 'system',
      setLanguage: (language) => set({ language }),
      letterKeys: true,
      setLetterKeys: (letterKeys) => set({ letterKeys }),
      slowOk: {},
      acceptSlow: (key) => set((state) => ({ slowOk: { ...state.slowOk, [key]: true } })),
      introOpen: !introSeen(),
      setIntroOpen: (introOpen) => {
        if (!introOpen) {
          try {
            localStorage.setItem(INTRO_SEEN_KEY, '1');
          } catch {
            // Storage off: the introduction shows again next time, which is harmless.
          }
        }
        set({ introOpen, helpOpen: false });
      },
      shutterSound: true,
      setShutterSound: (shutterSound) => set({ shutterSound }),
      helpOpen: false,
      setHelpOpen: (helpOpen) => set({ helpOpen }),
      setView: (view) => set({ view, viewing: null }),
      settingsFocus: null,
      openSettings: (settingsFocus) => set({ view: 'settings', viewing: null, settingsFocus }),
      setDevice: (deviceId) => set({ deviceId }),
      setLook: (lookId) => set({ lookId }),
      setStrength: (strength) => set({ strength }),
      setGrain: (grain) => set({ grain }),
      toggleGrid: () => set((state) => ({ grid: !state.grid })),
      setMode: (mode) => set({ mode }),
      cycleSelfTimer: () => set((state) => ({ selfTimer: SELF_TIMER_STEPS[(SELF_TIMER_STEPS.indexOf(state.selfTimer) + 1) % SELF_TIMER_STEPS.length] ?? 0 })),
      setSelfTimer: (selfTimer) => set({ selfTimer }),
      toggleBurst: () => set((state) => ({ burst: !state.burst })),
      toggleScreenFlash: () => set((state) => ({ screenFlash: !state.screenFlash })),
      open: (viewing) => set({ viewing }),
    }),
    {
      name: 'darkslide.ui',
      // The self-timer is not kept: a camera that waits 10 s on the next launch surprises.
      partialize: (state) => ({
        deviceId: state.deviceId,
        lookId: state.lookId,
        strength: state.strength,
        grain: state.grain,
        grid: state.grid,
        mode: state.mode,
        burst: state.burst,
        screenFlash: state.screenFlash,
        language: state.language,
        letterKeys: state.letterKeys,
        shutterSound: state.shutterSound,
        slowOk: state.slowOk,
      }),
    },
  ),
);
