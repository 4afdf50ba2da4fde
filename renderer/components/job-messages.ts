// Words of every long job's progress bar (ProgressBar.tsx).
export const jobMessages = {
  'zh-CN': {
    'job.eta': '预计还需 {eta}',
    'job.estimating': '正在估算剩余时间…',
    'job.cancelling': '正在取消…',
    'job.seconds': '{n} 秒',
    'job.minutes': '{n} 分钟',
    'job.hours': '{h} 小时 {m} 分钟',
  },
  en: {
    'job.eta': 'About {eta} left',
    'job.estimating': 'Estimating the time left…',
    'job.cancelling': 'Cancelling…',
    'job.seconds': '{n} s',
    'job.minutes': '{n} min',
    'job.hours': '{h} h {m} min',
  },
} as const;
