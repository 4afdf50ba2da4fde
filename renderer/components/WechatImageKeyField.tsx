// The optional key of WeChat 4 V2 pictures, for an import that may meet them (chats, photos). Only a
// key the user noted themselves; it is sent with that one import and forgotten (never stored).
import { useId, useState } from 'react';
import { WECHAT_IMAGE_KEY } from '../../shared/contract';
import { useI18n } from '../i18n/i18n';

/** The field's state: the text typed, whether it can be sent, and the key to send (none if empty). */
export function useWechatImageKey() {
  const [text, setText] = useState('');
  const key = text.trim();
  return { text, setText, valid: key === '' || WECHAT_IMAGE_KEY.test(text), key: key || undefined, clear: () => setText('') };
}

export function WechatImageKeyField(props: { state: ReturnType<typeof useWechatImageKey>; testId: string }) {
  const { t } = useI18n();
  const hintId = useId();
  const { text, setText, valid } = props.state;
  return (
    <label className="wechat-image-key">
      <span>{t('wechatKey.label')}</span>
      <input
        type="password"
        autoComplete="off"
        spellCheck={false}
        value={text}
        maxLength={64}
        aria-invalid={!valid}
        aria-describedby={hintId}
        onChange={(e) => setText(e.target.value)}
        data-testid={props.testId}
      />
      <small id={hintId} className={valid ? 'muted' : 'field-error'}>
        {valid ? t('wechatKey.hint') : t('wechatKey.invalid')}
      </small>
    </label>
  );
}
