import { Placeholder } from '../../components/Placeholder';

export function ReaddScreen() {
  return <Placeholder title="readd.title" text="readd.placeholder" icon="readd" />;
}
