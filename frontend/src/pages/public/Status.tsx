export default function Status() {
  return <div>TODO Status</div>;
}
