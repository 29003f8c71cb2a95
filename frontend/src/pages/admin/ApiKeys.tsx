export default function ApiKeys() {
  return <div>TODO ApiKeys</div>;
}
