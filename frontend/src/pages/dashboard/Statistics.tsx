export default function Statistics() {
  return <div>TODO Statistics</div>;
}
