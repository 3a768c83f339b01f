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
      const paths = handles.map((handle) => files.resolve(handle).path);
      return jobs.start('import', { lookId, exclude: [library.root, library.dataDir], ...(strength === undefined ? {} : { strength }), ...(grain === undefined ? {} : { grain }) }, paths);
    },
    'job.list': () => jobs.list(),
    'job.get': ({ jobId }) => jobs.get(jobId),
    'job.pause': ({ jobId }) => jobs.pause(jobId),
    'job.resume': ({ jobId }) => jobs.resume(jobId),
    'job.cancel': ({ jobId }) => jobs.cancel(jobId),
    'job.errors': ({ jobId, offset, limit }) => jobs.errors(jobId, offset, limit),
  };
}
