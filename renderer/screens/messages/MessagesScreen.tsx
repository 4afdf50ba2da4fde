import { Placeholder } from '../../components/Placeholder';

export function MessagesScreen() {
  return <Placeholder title="messages.title" text="messages.placeholder" icon="messages" />;
}
