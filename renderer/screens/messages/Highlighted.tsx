// Text with the search match marked: React text nodes and <mark>, never HTML from the data.
import { markParts } from './format';

export function Highlighted(props: { text: string; ranges: [number, number][] }) {
  return (
    <>
      {markParts(props.text, props.ranges).map((part, i) => (part.marked ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
    </>
  );
}
