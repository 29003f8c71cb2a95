export default function Users() {
  return <div>TODO Users</div>;
}
