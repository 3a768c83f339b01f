/**
 * The video files Darkslide plays as a camera: main checks a chosen file's name against it, and the page's file
 * pickers offer the same list.
 */
export const VIDEO_FILE_EXTENSIONS = ['mp4', 'mov', 'mkv', 'webm', 'avi', 'm4v'] as const;
