export default function Receipt() {
  return <div>TODO Receipt</div>;
}
