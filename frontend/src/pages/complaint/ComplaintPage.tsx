export default function ComplaintPage() {
  return <div>TODO ComplaintPage</div>;
}
