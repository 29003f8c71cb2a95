export default function Worklist() {
  return <div>TODO Worklist</div>;
}
