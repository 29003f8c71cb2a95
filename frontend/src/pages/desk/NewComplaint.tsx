export default function NewComplaint() {
  return <div>TODO NewComplaint</div>;
}
