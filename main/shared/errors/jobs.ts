// Errors of background jobs (develop batches, imports, exports) as a whole; an item's own error is the
// error of the work it failed at (develop.*, file.*, ...), listed with the job.
import { defineErrors } from './define.ts';

export const jobErrors = defineErrors({
  'job.not-found': {
    message: { en: 'There is no job {id}.', zh: '没有编号为 {id} 的任务。' },
    action: { en: 'It may have finished more than 30 days ago and been forgotten.', zh: '它可能在 30 多天前已经完成并被清除。' },
    button: 'reload',
  },
  'job.unknown-kind': {
    message: { en: 'Darkslide cannot run jobs of the kind "{kind}".', zh: 'Darkslide 无法运行“{kind}”类型的任务。' },
    action: { en: 'It was probably started by a newer Darkslide: update this one.', zh: '它可能是由更新版本的 Darkslide 启动的，请更新当前版本。' },
  },
  'job.invalid-settings': {
    message: { en: 'The job’s setting "{field}" is not valid: {problem}.', zh: '任务设置“{field}”无效：{problem}。' },
  },
  'job.nothing-to-do': {
    message: { en: 'There is nothing to do: no photos or files were given.', zh: '没有可处理的内容：未提供任何照片或文件。' },
    action: { en: 'Choose some photos or a folder first.', zh: '请先选择一些照片或一个文件夹。' },
  },
  'job.owned-elsewhere': {
    message: { en: 'Job {id} is being run by another Darkslide window or command.', zh: '任务 {id} 正由另一个 Darkslide 窗口或命令运行。' },
    action: { en: 'Resume it there, or quit that Darkslide and try again.', zh: '请在那里继续它，或退出那个 Darkslide 后重试。' },
  },
  'job.cancelled': {
    message: { en: 'The job was cancelled.', zh: '任务已取消。' },
  },
  'job.engine-closed': {
    message: { en: 'Darkslide is shutting down, so no job can start.', zh: 'Darkslide 正在关闭，无法启动任务。' },
    action: { en: 'Start Darkslide again; unfinished jobs continue by themselves.', zh: '请重新启动 Darkslide，未完成的任务会自动继续。' },
  },
});
