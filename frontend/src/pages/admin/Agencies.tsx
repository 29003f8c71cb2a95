export default function Agencies() {
  return <div>TODO Agencies</div>;
}
