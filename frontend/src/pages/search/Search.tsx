export default function Search() {
  return <div>TODO Search</div>;
}
