import { create } from 'zustand';
import { persist } from 'zustand/middleware';

export type View = 'camera' | 'album' | 'trash';

type UiState = {
  view: View;
  deviceId: string | null;
  lookId: string | null;
  strength: number;
  grain: number;
  grid: boolean;
  viewing: string | null; // item id open in the full view
  setView(view: View): void;
  setDevice(id: string | null): void;
  setLook(id: string): void;
  setStrength(value: number): void;
  setGrain(value: number): void;
  toggleGrid(): void;
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
      viewing: null,
      setView: (view) => set({ view, viewing: null }),
      setDevice: (deviceId) => set({ deviceId }),
      setLook: (lookId) => set({ lookId }),
      setStrength: (strength) => set({ strength }),
      setGrain: (grain) => set({ grain }),
      toggleGrid: () => set((state) => ({ grid: !state.grid })),
      open: (viewing) => set({ viewing }),
    }),
    {
      name: 'darkslide.ui',
      partialize: (state) => ({ deviceId: state.deviceId, lookId: state.lookId, strength: state.strength, grain: state.grain, grid: state.grid }),
    },
  ),
);
