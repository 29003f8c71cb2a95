export default function Schemes() {
  return <div>TODO Schemes</div>;
}
