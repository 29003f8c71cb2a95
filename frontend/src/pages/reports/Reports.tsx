export default function Reports() {
  return <div>TODO Reports</div>;
}
