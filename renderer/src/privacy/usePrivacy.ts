import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { Output } from '../../../main/shared/contract/index.ts';
import { api } from '../api.ts';

export type PrivacyStatusT = Output<'privacy.status'>;
export type DevicesOnT = Output<'privacy.devices'>;

/** The privacy status, kept fresh by main's privacy.changed event. */
export function usePrivacyStatus() {
  const queryClient = useQueryClient();
  useEffect(() => api.on('privacy.changed', (status) => queryClient.setQueryData(['privacy'], status)), [queryClient]);
  return useQuery({ queryKey: ['privacy'], queryFn: () => api.privacy.status({}), staleTime: Infinity });
}

/** Which devices are on right now, from main (the process that opened them), not from any page state. */
export function useDevicesOn(): DevicesOnT {
  const [on, setOn] = useState<DevicesOnT>({ camera: false, microphone: false, recording: false });
  useEffect(() => {
    let live = true;
    const off = api.on('privacy.devices', (next) => setOn(next));
    void api.privacy.devices({}).then((first) => live && setOn(first), () => undefined);
    return () => {
      live = false;
      off();
    };
  }, []);
  return on;
}
