// Browser mode: the page's address carries the session's key, and a new key comes with each start.
import { defineMessages } from '../define.ts';

export const connectionMessages = defineMessages({
  'connection.expired.title': { en: 'This address has expired', zh: '此地址已过期' },
  'connection.expired': {
    en: 'Darkslide makes a new address, with a new key, each time it starts, and this one is from an earlier start. Open the address Darkslide printed in its terminal this time: it begins with {origin}/?token=',
    zh: 'Darkslide 每次启动都会生成一个带新密钥的新地址，而这个地址来自之前的一次启动。请打开 Darkslide 这次在终端里显示的地址：它以 {origin}/?token= 开头',
  },
  'connection.expired.close': { en: 'You can close this tab.', zh: '你可以关闭这个标签页。' },
});
