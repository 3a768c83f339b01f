// Errors of the boundary itself: the call, the transport, the session.
import { defineErrors } from './define.ts';

export const apiErrors = defineErrors({
  'api.unknown-method': {
    message: { en: 'There is no API method called "{method}".', zh: '没有名为"{method}"的 API 方法。' },
  },
  'api.invalid-input': {
    message: { en: '{method}: "{field}" is not valid: {problem}.', zh: '{method}：“{field}”无效：{problem}。' },
  },
  'api.forbidden': {
    message: { en: 'Only Darkslide’s own window may call its API.', zh: '只有 Darkslide 自己的窗口可以调用它的 API。' },
  },
  'api.internal': {
    message: { en: 'Something went wrong inside Darkslide: {detail}.', zh: 'Darkslide 内部出错：{detail}。' },
    action: { en: 'Please report this with the steps that led to it.', zh: '请把出现问题前的操作步骤一并报告给我们。' },
  },
  'api.transport-closed': {
    message: { en: 'The connection to Darkslide closed.', zh: '与 Darkslide 的连接已断开。' },
    action: { en: 'Reload the page; if that does not help, start Darkslide again.', zh: '请重新加载页面；如果仍不行，请重新启动 Darkslide。' },
    button: 'reload',
  },
  'api.not-here': {
    message: { en: '{what} is not available in this window.', zh: '此窗口中无法使用{what}。' },
  },
});
