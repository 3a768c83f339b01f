const keys: [string, string][] = [
  ['Space', 'Shoot, or start/stop recording'],
  ['R', 'Start/stop recording (video)'],
  ['V', 'Photo / video'],
  ['T', 'Self-timer: off, 3 s, 10 s'],
  ['B', 'Burst: 4 shots, 1 s apart'],
  ['F', 'Screen flash for low light'],
  ['G', 'Grid'],
  ['M', 'Mirror the viewfinder'],
  ['[  ]', 'Previous / next film camera'],
  ['Esc', 'Cancel the timer or burst, close'],
  ['A', 'Album'],
  ['C', 'Camera'],
  ['D', 'Album: develop photos you have · Full view: develop again'],
  ['S', 'Full view: before / after split'],
  ['Shift ← →', 'Full view: move the split'],
  ['← →', 'Full view: previous / next shot'],
  ['Delete', 'Full view: move to trash (restore from Trash)'],
  ['?', 'This help'],
];

export function KeyHelp(props: { onClose(): void }) {
  return (
    <div className="key-help" role="dialog" aria-label="Keyboard shortcuts" data-testid="key-help" onClick={props.onClose}>
      <div className="key-help-card" onClick={(event) => event.stopPropagation()}>
        <p className="popover-title">Keys</p>
        <dl>
          {keys.map(([key, what]) => (
            <div key={key} className="key-row">
              <dt>
                <kbd>{key}</kbd>
              </dt>
              <dd>{what}</dd>
            </div>
          ))}
        </dl>
        <button onClick={props.onClose}>Close</button>
      </div>
    </div>
  );
}
