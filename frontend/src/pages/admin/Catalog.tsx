export default function Catalog() {
  return <div>TODO Catalog</div>;
}
