import { Placeholder } from '../../components/Placeholder';

export function PhotosScreen() {
  return <Placeholder title="photos.title" text="photos.placeholder" icon="photos" />;
}
