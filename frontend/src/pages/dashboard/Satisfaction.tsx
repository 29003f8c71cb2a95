export default function Satisfaction() {
  return <div>TODO Satisfaction</div>;
}
