import type { jobsMethods } from '../../shared/contract/methods/jobs.ts';
import type { AppContext, DomainHandlers } from './context.ts';

export function jobsHandlers({ jobs, library, files }: AppContext): DomainHandlers<typeof jobsMethods> {
  return {
    async 'job.develop'({ ids, lookId, strength, grain }) {
      // Labels are the items' file names, read once here so progress can show them.
      const inputs = [];
      for (const id of ids) {
        const item = await library.get(id);
        inputs.push({ itemId: id, name: item?.fileName ?? id });
      }
      return jobs.start('develop', { lookId, ...(strength === undefined ? {} : { strength }), ...(grain === undefined ? {} : { grain }) }, inputs);
    },
    'job.import'({ files: handles, lookId, strength, grain }) {
      // Paths stay in main: the page named files and folders by their handles only.
      // A file keeps the name the person knows (an upload's path is a temp name); a folder is walked.
      const inputs = handles.map((handle) => {
        const chosen = files.resolve(handle);
        return chosen.kind === 'file' ? { file: chosen.path, name: chosen.name } : chosen.path;
      });
      return jobs.start('import', { lookId, exclude: [library.root, library.dataDir], ...(strength === undefined ? {} : { strength }), ...(grain === undefined ? {} : { grain }) }, inputs);
    },
    'job.list': () => jobs.list(),
    'job.get': ({ jobId }) => jobs.get(jobId),
    'job.pause': ({ jobId }) => jobs.pause(jobId),
    'job.resume': ({ jobId }) => jobs.resume(jobId),
    'job.cancel': ({ jobId }) => jobs.cancel(jobId),
    'job.errors': ({ jobId, offset, limit }) => jobs.errors(jobId, offset, limit),
  };
}
