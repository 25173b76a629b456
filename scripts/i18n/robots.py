"""Chinese for the strings added by the robots branch (outbound robot checks, signed robots,
the admin layout fixes, the skip link)."""

T = {
    "Feishu / Lark group robot (飞书)": "飞书群机器人",
    "The address may not contain a user name or password.": "地址中不能包含用户名或密码。",
    "This is not a valid web address.": "这不是有效的网址。",
    "Robots may only call the providers' hosts (%(hosts)s) or those the operator allows.":
        "群机器人只能调用平台的地址（%(hosts)s）或运维人员允许的地址。",
    "This address leads to an internal network and is refused.": "该地址指向内部网络，已拒绝。",
    "The robot's host name could not be resolved.": "无法解析群机器人的域名。",
    "The robot's server answered with a redirect, which is not followed.":
        "群机器人服务器返回了重定向，系统不跟随重定向。",
    "Signing secret (加签)": "加签密钥",
    "For DingTalk robots with 加签 (the secret starts with SEC) and Feishu robots with 签名校验. "
    "Leave empty to keep the stored one.":
        "用于开启“加签”的钉钉机器人（密钥以 SEC 开头）和开启“签名校验”的飞书机器人。"
        "留空则保留已保存的密钥。",
    "Remove the stored secret": "删除已保存的密钥",
    "The secret has no spaces or line breaks.": "密钥中不能有空格或换行。",
    "The test message was delivered: the robot's server accepted it.":
        "测试消息已送达：群机器人服务器已接收。",
    "The test message was not sent: %(reason)s": "测试消息未发送：%(reason)s",
    "The test message was not delivered. The robot's server or the network answered: "
    "%(error)s": "测试消息未送达。群机器人服务器或网络返回：%(error)s",
    "The park's 企业微信, 钉钉 or 飞书 group robot receives meeting reminders and new notices as "
    "text messages.": "本园区的企业微信、钉钉或飞书群机器人以文本消息接收会议提醒和新通知。",
    "Webhooks are called only over https, only at these hosts, and never at an internal network "
    "address:": "Webhook 只通过 https 调用，只调用以下主机，且从不调用内部网络地址：",
    "Signing secret": "加签密钥",
    "The test message is sent at once; the answer of the robot's server is shown here.":
        "测试消息会立即发送，群机器人服务器的答复显示在本页。",
    "Skip to main content": "跳到正文",
    "The stored webhook is no longer allowed, so nothing is sent to it: %(reason)s Enter a new "
    "address.": "已保存的 Webhook 地址已不被允许，不会向其发送任何消息：%(reason)s请输入新地址。",
}
