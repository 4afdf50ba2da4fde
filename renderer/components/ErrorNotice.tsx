// A problem the user must see now: announced at once (role=alert), nothing rendered when there is none.
export function ErrorNotice({ text }: { text: string | undefined }) {
  return text ? (
    <div className="notice notice-error" role="alert">
      {text}
    </div>
  ) : null;
}
