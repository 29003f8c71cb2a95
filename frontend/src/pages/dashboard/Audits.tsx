export default function Audits() {
  return <div>TODO Audits</div>;
}
